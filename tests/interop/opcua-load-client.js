// node-opcua client side of the side-by-side load run (tests/Factory.Benchmarks/OpcUa/OpcUaLoadRun.cs).
// Connects one session per endpoint and, when told, subscribes to Counter0..Counter{N-1} on each, counting
// data-change notifications. Driven by lines on stdin so both clients are measured over the same window:
//   subscribe  -> creates the subscriptions, prints "SUBSCRIBED"
//   mark       -> prints "MARK <notifications so far> <cpu seconds so far>"
//   quit       -> closes and exits
// Prints "CONNECTED" once all sessions are up.
// usage: node opcua-load-client.js --endpoints URL[,URL...] --ns INDEX --items N [--publishing MS] [--sampling MS] [--queue N]
"use strict";
const readline = require("readline");
const opcua = require("node-opcua");

function option(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

async function main() {
  const endpoints = option("endpoints", option("endpoint", "")).split(",").filter(e => e);
  const ns = parseInt(option("ns", "1"), 10);
  const items = parseInt(option("items", "1000"), 10);
  const publishing = parseFloat(option("publishing", "100"));
  const sampling = parseFloat(option("sampling", "50"));
  const queue = parseInt(option("queue", "10"), 10);
  const sessions = [];
  for (const endpoint of endpoints) {
    const security = option("security", "None");
    const client = opcua.OPCUAClient.create({ endpointMustExist: false, connectionStrategy: { maxRetry: 1 },
      securityPolicy: opcua.SecurityPolicy[security],
      securityMode: security === "None" ? opcua.MessageSecurityMode.None : opcua.MessageSecurityMode.SignAndEncrypt });
    await client.connect(endpoint);
    sessions.push({ client, session: await client.createSession() });
  }
  let count = 0;
  const subscriptions = [];
  async function subscribe() {
    for (const { session } of sessions) {
      const subscription = opcua.ClientSubscription.create(session, {
        requestedPublishingInterval: publishing, requestedLifetimeCount: 600, requestedMaxKeepAliveCount: 20,
        maxNotificationsPerPublish: 0, publishingEnabled: true, priority: 1,
      });
      subscriptions.push(subscription);
      // The server accepts at most 5000 items per CreateMonitoredItems call; create them in groups of 1000.
      for (let i = 0; i < items; i += 1000) {
        const group = [];
        for (let j = i; j < Math.min(items, i + 1000); j++) {
          group.push({ nodeId: `ns=${ns};s=Counter${j}`, attributeId: opcua.AttributeIds.Value });
        }
        const monitored = await opcua.ClientMonitoredItemGroup.create(subscription, group,
          { samplingInterval: sampling, queueSize: queue, discardOldest: true }, opcua.TimestampsToReturn.Both);
        monitored.on("changed", () => { count++; });
      }
    }
  }

  const lines = readline.createInterface({ input: process.stdin });
  process.stdout.write("CONNECTED\n");
  for await (const line of lines) {
    const command = line.trim();
    if (command === "subscribe") {
      await subscribe();
      process.stdout.write("SUBSCRIBED\n");
    } else if (command === "mark") {
      const cpu = process.cpuUsage();
      process.stdout.write(`MARK ${count} ${(cpu.user + cpu.system) / 1e6}\n`);
    } else if (command === "quit") {
      break;
    }
  }

  for (const s of subscriptions) {
    await s.terminate().catch(() => {});
  }
  for (const { client, session } of sessions) {
    await session.close().catch(() => {});
    await client.disconnect();
  }
  process.exit(0);
}

main().catch(err => { console.error("FAILED", err); process.exit(1); });
