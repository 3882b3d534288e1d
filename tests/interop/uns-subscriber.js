// A Unified Namespace reader that is not Factory's code: the mqtt npm package subscribes to a topic filter and prints
// every message as a JSON line {"topic","retain","payload"} (payload parsed as JSON), until stdin closes.
//   node uns-subscriber.js mqtt://127.0.0.1:1883 'factory/#'
'use strict';
const mqtt = require('mqtt');
const client = mqtt.connect(process.argv[2], { clientId: `uns-reader-${process.pid}`, protocolVersion: 5 });
client.on('connect', () => client.subscribe(process.argv[3], { qos: 1 }, () => process.stdout.write(JSON.stringify({ subscribed: true }) + '\n')));
client.on('message', (topic, payload, packet) => {
  let body;
  try { body = JSON.parse(payload.toString()); } catch { body = payload.toString(); }
  process.stdout.write(JSON.stringify({ topic, retain: packet.retain, payload: body }) + '\n');
});
client.on('error', (e) => process.stderr.write(String(e) + '\n'));
process.stdin.on('data', () => {}).on('end', () => { client.end(true); process.exit(0); });
