// node-opcua test peer for Factory.OpcUa. Binds 127.0.0.1 only.
// usage: node opcua-server.js --port N [--buffer BYTES] [--max-chunks N] [--max-message BYTES]
//        [--token-lifetime MS] [--items N] [--rate MS] [--user NAME:PASSWORD] [--no-conformance]
//        [--max-notifications-per-publish N]
// Prints "READY opc.tcp://127.0.0.1:PORT ns=INDEX" on stdout when it accepts connections.
"use strict";
const opcua = require("node-opcua");
const { build_address_space_for_conformance_testing } = require("node-opcua-address-space-for-conformance-testing");

function option(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const flag = name => process.argv.includes("--" + name);

const port = parseInt(option("port", "0"), 10);
const buffer = parseInt(option("buffer", "0"), 10);
const maxChunks = parseInt(option("max-chunks", "0"), 10);
const maxMessage = parseInt(option("max-message", "0"), 10);
const tokenLifetime = parseInt(option("token-lifetime", "0"), 10);
const items = parseInt(option("items", "10"), 10);
const rate = parseInt(option("rate", "100"), 10);
const [userName, password] = option("user", "operator:secret").split(":");
// node-opcua caps every Publish response at 1000 notifications; the load run raises the cap so one response
// carries a whole publishing interval of changes.
const maxNotificationsPerPublish = parseInt(option("max-notifications-per-publish", "0"), 10);
if (maxNotificationsPerPublish > 0) {
  opcua.Subscription.maxNotificationPerPublishHighLimit = maxNotificationsPerPublish;
}

async function main() {
  const server = new opcua.OPCUAServer({
    port,
    host: "127.0.0.1",
    hostname: "127.0.0.1",
    alternateHostname: ["localhost"],
    allowAnonymous: true,
    // node-opcua offers encrypted-password user token policies on the None endpoint only for policies it also serves.
    // Every secured policy Factory implements, in both modes, so the client's security tests have a peer for each.
    securityModes: [opcua.MessageSecurityMode.None, opcua.MessageSecurityMode.Sign, opcua.MessageSecurityMode.SignAndEncrypt],
    securityPolicies: [opcua.SecurityPolicy.None, opcua.SecurityPolicy.Basic256Sha256,
      opcua.SecurityPolicy.Aes128_Sha256_RsaOaep, opcua.SecurityPolicy.Aes256_Sha256_RsaPss],
    defaultSecureTokenLifetime: tokenLifetime > 0 ? tokenLifetime : undefined,
    userManager: { isValidUser: (u, p) => u === userName && p === password },
    serverCapabilities: { maxSessions: 100, maxSubscriptions: 1000, maxMonitoredItems: 200000,
      maxMonitoredItemsPerSubscription: 100000,
      operationLimits: { maxNodesPerRead: 1000, maxNodesPerWrite: 1000, maxNodesPerBrowse: 500,
        maxMonitoredItemsPerCall: 5000 } },
    transportSettings: buffer > 0 || maxChunks > 0 || maxMessage > 0 ? {
      adjustTransportLimits: hello => ({
        receiveBufferSize: buffer > 0 ? Math.min(buffer, hello.receiveBufferSize) : hello.receiveBufferSize,
        sendBufferSize: buffer > 0 ? Math.min(buffer, hello.sendBufferSize) : hello.sendBufferSize,
        maxMessageSize: maxMessage > 0 ? maxMessage : hello.maxMessageSize,
        maxChunkCount: maxChunks > 0 ? maxChunks : hello.maxChunkCount,
      }),
    } : undefined,
    buildInfo: { productName: "factory-interop-peer" },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  if (!flag("no-conformance")) {
    await build_address_space_for_conformance_testing(addressSpace, { mass_variables: false });
  }

  // Counters that rise by one every --rate ms: a gap in the values shows a lost notification.
  const namespace = addressSpace.getOwnNamespace();
  const folder = namespace.addFolder(addressSpace.rootFolder.objects, { browseName: "Counters", nodeId: "s=Counters" });
  const counters = [];
  for (let i = 0; i < items; i++) {
    counters.push(namespace.addVariable({
      componentOf: folder, browseName: `Counter${i}`, nodeId: `s=Counter${i}`, dataType: "Int32",
      value: { dataType: opcua.DataType.Int32, value: 0 },
    }));
  }
  const writable = namespace.addVariable({
    componentOf: folder, browseName: "Setpoint", nodeId: "s=Setpoint", dataType: "Double",
    accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
    value: { dataType: opcua.DataType.Double, value: 1.5 },
  });
  void writable;
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    const now = new Date();
    for (const c of counters) {
      c.setValueFromSource({ dataType: opcua.DataType.Int32, value: tick }, opcua.StatusCodes.Good, now);
    }
  }, rate);

  await server.start();
  process.stdout.write(`READY opc.tcp://127.0.0.1:${server.endpoints[0].port} ns=${namespace.index}\n`);
  const stop = async () => { clearInterval(timer); await server.shutdown(0); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
}

main().catch(err => { console.error("FAILED", err); process.exit(1); });
