// An independent Sparkplug B edge node for Factory's MQTT tests, built on the sparkplug-client npm library
// (Cirrus Link / Eclipse Tahu): births, data by alias or name, device and node deaths, answers to rebirth requests,
// and every NCMD/DCMD it receives reported on stdout. Driven by JSON lines on stdin; exits when stdin closes.
//
//   node sparkplug-edge.js '{"url":"mqtt://127.0.0.1:1883","group":"G","node":"N","devices":{"D1":{"State":["String","Idle"]}}}'
//
// stdin:  {"op":"data","device":"D1","values":{"State":"Execute"},"timestamp":1700000000000,"byAlias":true}
//         {"op":"gap","skip":3}   the next message's seq jumps by 3 (a lost message, as the host sees it)
//         {"op":"ddeath","device":"D1","timestamp":...}   {"op":"stop"} (NDEATH, then disconnect)   {"op":"crash"} (no goodbye)
// stdout: {"event":"born","births":N}  {"event":"rebirth"}  {"event":"ncmd",...}  {"event":"dcmd","device":"D1","metrics":[...]}
'use strict';
const sparkplug = require('sparkplug-client');
const readline = require('readline');

const config = JSON.parse(process.argv[2]);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const devices = config.devices;
const aliases = {};
let nextAlias = 1;
for (const [device, metrics] of Object.entries(devices)) {
  aliases[device] = {};
  for (const name of Object.keys(metrics)) aliases[device][name] = nextAlias++;
}
let births = 0;

const client = sparkplug.newClient({
  serverUrl: config.url, username: '', password: '', clientId: `edge-${config.node}-${process.pid}`,
  groupId: config.group, edgeNode: config.node, publishDeath: true, keepalive: 1,
});

function birth() {
  const now = Date.now();
  client.publishNodeBirth({
    timestamp: now,
    metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: false }],
  });
  for (const [device, metrics] of Object.entries(devices)) {
    client.publishDeviceBirth(device, {
      timestamp: now,
      metrics: Object.entries(metrics).map(([name, [type, value]]) => ({ name, alias: aliases[device][name], type, value, timestamp: now })),
    });
  }
  births++;
  say({ event: 'born', births });
}

client.on('birth', birth);
client.on('ncmd', (payload) => {
  const metrics = (payload.metrics || []).map(m => ({ name: m.name, type: m.type, value: m.value }));
  say({ event: 'ncmd', metrics });
  if (metrics.some(m => m.name === 'Node Control/Rebirth' && m.value === true)) {
    say({ event: 'rebirth' });
    birth();
  }
});
client.on('dcmd', (device, payload) => {
  say({ event: 'dcmd', device, metrics: (payload.metrics || []).map(m => ({ name: m.name, type: m.type, value: typeof m.value === 'object' && m.value !== null ? Number(m.value) : m.value })) });
});
client.on('error', (e) => say({ event: 'error', message: String(e) }));

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const cmd = JSON.parse(line);
  switch (cmd.op) {
    case 'data': {
      const ts = cmd.timestamp || Date.now();
      const metrics = Object.entries(cmd.values).map(([name, value]) => {
        const [type] = devices[cmd.device][name];
        devices[cmd.device][name][1] = value;
        return cmd.byAlias
          ? { alias: aliases[cmd.device][name], type, value, timestamp: ts }
          : { name, type, value, timestamp: ts };
      });
      client.publishDeviceData(cmd.device, { timestamp: ts, metrics });
      say({ event: 'sent', device: cmd.device });
      break;
    }
    case 'gap':
      for (let i = 0; i < (cmd.skip || 1); i++) client.incrementSeqNum();
      say({ event: 'gapped' });
      break;
    case 'ddeath':
      client.publishDeviceDeath(cmd.device, { timestamp: cmd.timestamp || Date.now() });
      say({ event: 'sent', device: cmd.device });
      break;
    case 'stop':
      client.stop();
      setTimeout(() => process.exit(0), 200);
      break;
    case 'crash':
      process.exit(0); // the socket dies with the process: the broker publishes the NDEATH will
  }
}).on('close', () => process.exit(0));
