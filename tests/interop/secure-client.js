// node-opcua CLIENT over a secured channel against Factory's own OPC UA server: connects with the given policy and
// mode, logs in (anonymous or user name), reads the server state and a counter of namespace 0, subscribes briefly,
// and prints one JSON line "RESULT {...}" for the .NET test.
// usage: node secure-client.js --endpoint URL --policy NAME --mode Sign|SignAndEncrypt --pki DIR [--user NAME:PASSWORD]
"use strict";
const opcua = require("node-opcua");

function option(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

async function main() {
  const endpoint = option("endpoint");
  const user = option("user");
  // The client keeps its own PKI folder (never the per-user default other runs share); the test's server certificate
  // is accepted because this is the test's own freshly made server.
  const clientCertificateManager = new opcua.OPCUACertificateManager({
    rootFolder: option("pki"), automaticallyAcceptUnknownCertificate: true,
  });
  const client = opcua.OPCUAClient.create({
    endpointMustExist: true,
    connectionStrategy: { maxRetry: 0, initialDelay: 100 },
    securityMode: opcua.MessageSecurityMode[option("mode")],
    securityPolicy: opcua.SecurityPolicy[option("policy")],
    clientCertificateManager,
    applicationUri: "urn:factory:tests:node-opcua-client",
  });
  const result = {};
  await client.connect(endpoint);
  let identity;
  if (user) {
    const [userName, password] = user.split(":");
    identity = { type: opcua.UserTokenType.UserName, userName, password };
  }
  const session = await client.createSession(identity);
  const values = await session.read([
    { nodeId: "ns=0;i=2259", attributeId: opcua.AttributeIds.Value },
    { nodeId: "ns=0;i=2255", attributeId: opcua.AttributeIds.Value },
  ]);
  result.serverState = values[0].value.value;
  result.namespaces = values[1].value.value;
  const subscription = await session.createSubscription2({ requestedPublishingInterval: 100, publishingEnabled: true });
  const item = await subscription.monitor({ nodeId: "ns=0;i=2258", attributeId: opcua.AttributeIds.Value },
    { samplingInterval: 100, queueSize: 10 }, opcua.TimestampsToReturn.Both);
  let changes = 0;
  item.on("changed", () => changes++);
  await new Promise(r => setTimeout(r, 1500));
  result.changes = changes;
  result.securityMode = opcua.MessageSecurityMode[client.securityMode];
  result.securityPolicy = client.securityPolicy;
  await subscription.terminate();
  await session.close();
  await client.disconnect();
  process.stdout.write("RESULT " + JSON.stringify(result) + "\n");
}

main().then(() => process.exit(0)).catch(err => { console.error("FAILED", err.message); process.exit(1); });
