// node-opcua client side of the side-by-side load run: subscribes to Counter0..Counter{N-1} and counts
// data-change notifications for a fixed time, then prints one JSON line with the count and its CPU seconds.
// usage: node opcua-load-client.js --endpoint URL --ns INDEX --items N --seconds S [--warmup S]
"use strict";
const opcua = require("node-opcua");

function option(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

async function main() {
  const endpoint = option("endpoint");
  const ns = parseInt(option("ns", "1"), 10);
  const items = parseInt(option("items", "1000"), 10);
  const seconds = parseFloat(option("seconds", "10"));
  const warmup = parseFloat(option("warmup", "2"));
  const idle = parseFloat(option("idle", "3"));
  const client = opcua.OPCUAClient.create({ endpointMustExist: false, connectionStrategy: { maxRetry: 1 } });
  await client.connect(endpoint);
  const session = await client.createSession();
  // Idle baseline: connected, no subscription, after start-up work settled, to separate the fixed process
  // cost from the cost per notification.
  await new Promise(r => setTimeout(r, 2000));
  const idleCpuStart = process.cpuUsage();
  const idleStart = process.hrtime.bigint();
  await new Promise(r => setTimeout(r, idle * 1000));
  const idleCpu = process.cpuUsage(idleCpuStart);
  const idleSeconds = Number(process.hrtime.bigint() - idleStart) / 1e9;
  const subscription = opcua.ClientSubscription.create(session, {
    requestedPublishingInterval: 100, requestedLifetimeCount: 600, requestedMaxKeepAliveCount: 20,
    maxNotificationsPerPublish: 0, publishingEnabled: true, priority: 1,
  });
  const toMonitor = [];
  for (let i = 0; i < items; i++) {
    toMonitor.push({ nodeId: `ns=${ns};s=Counter${i}`, attributeId: opcua.AttributeIds.Value });
  }
  let count = 0;
  // The server accepts at most 5000 items per CreateMonitoredItems call; create them in groups of 1000.
  for (let i = 0; i < toMonitor.length; i += 1000) {
    const group = await opcua.ClientMonitoredItemGroup.create(subscription, toMonitor.slice(i, i + 1000),
      { samplingInterval: 50, queueSize: 10, discardOldest: true }, opcua.TimestampsToReturn.Both);
    group.on("changed", () => { count++; });
  }
  await new Promise(r => setTimeout(r, warmup * 1000));
  const startCount = count;
  const startCpu = process.cpuUsage();
  const startTime = process.hrtime.bigint();
  await new Promise(r => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(startCpu);
  const elapsed = Number(process.hrtime.bigint() - startTime) / 1e9;
  const notifications = count - startCount;
  process.stdout.write(JSON.stringify({ client: "node-opcua", notifications, seconds: elapsed,
    cpuSeconds: (cpu.user + cpu.system) / 1e6, idleSeconds, idleCpuSeconds: (idleCpu.user + idleCpu.system) / 1e6 }) + "\n");
  await subscription.terminate();
  await session.close();
  await client.disconnect();
}

main().catch(err => { console.error("FAILED", err); process.exit(1); });
