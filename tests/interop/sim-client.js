// node-opcua CLIENT against the Factory plant simulator (our own OPC UA server): browses the plant, resolves a
// browse path, reads values and attributes, writes a command, subscribes for a while, and prints one JSON line
// "RESULT {...}" with what it saw so the .NET test can assert on it.
// usage: node sim-client.js --endpoint URL --machine ID --line ID [--seconds S] [--user NAME:PASSWORD] [--command NAME]
"use strict";
const opcua = require("node-opcua");

function option(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

async function main() {
  const endpoint = option("endpoint");
  const machine = option("machine");
  const line = option("line");
  const seconds = parseFloat(option("seconds", "2"));
  const user = option("user");
  const command = option("command", "Start");
  const result = {};
  const client = opcua.OPCUAClient.create({
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 1, initialDelay: 100 },
    securityMode: opcua.MessageSecurityMode.None,
    securityPolicy: opcua.SecurityPolicy.None,
  });
  await client.connect(endpoint);
  const endpoints = await client.getEndpoints();
  result.endpoints = endpoints.map(e => ({
    url: e.endpointUrl, policy: e.securityPolicyUri,
    tokens: e.userIdentityTokens.map(t => opcua.UserTokenType[t.tokenType]),
  }));
  let identity;
  if (user) {
    const [userName, password] = user.split(":");
    identity = { type: opcua.UserTokenType.UserName, userName, password };
  }
  const session = await client.createSession(identity);
  result.namespaces = (await session.readNamespaceArray());

  const objects = await session.browse("ns=0;i=85");
  result.objects = objects.references.map(r => r.browseName.toString());
  const plant = objects.references.find(r => r.browseName.name === "Plant");
  const lines = await session.browse(plant.nodeId);
  result.lines = lines.references.filter(r => r.nodeClass === opcua.NodeClass.Object).map(r => r.browseName.name);
  const lineRef = lines.references.find(r => r.browseName.name === line);
  const machines = await session.browse(lineRef.nodeId);
  result.machines = machines.references.filter(r => r.nodeClass === opcua.NodeClass.Object).map(r => r.browseName.name);
  const machineRef = machines.references.find(r => r.browseName.name === machine);
  const tags = await session.browse(machineRef.nodeId);
  result.tags = tags.references.filter(r => r.nodeClass === opcua.NodeClass.Variable).map(r => r.browseName.name);

  const path = opcua.makeBrowsePath("RootFolder", `/Objects/2:Plant/2:${line}/2:${machine}/2:State`);
  const translated = await session.translateBrowsePath(path);
  result.statePath = translated.targets && translated.targets.length ? translated.targets[0].targetId.toString() : translated.statusCode.toString();

  const id = tag => `ns=2;s=${machine}.${tag}`;
  const values = await session.read(["State", "StateCurrent", "ProducedCount", "Temperature", "Fault"].map(t => ({ nodeId: id(t), attributeId: opcua.AttributeIds.Value })));
  result.values = {};
  ["State", "StateCurrent", "ProducedCount", "Temperature", "Fault"].forEach((t, i) => {
    result.values[t] = { status: values[i].statusCode.name, type: opcua.DataType[values[i].value.dataType], value: values[i].value.value };
  });
  const attributes = await session.read([
    { nodeId: id("Command"), attributeId: opcua.AttributeIds.DataType },
    { nodeId: id("Command"), attributeId: opcua.AttributeIds.AccessLevel },
    { nodeId: id("State"), attributeId: opcua.AttributeIds.AccessLevel },
    { nodeId: id("State"), attributeId: opcua.AttributeIds.BrowseName },
    { nodeId: "ns=0;i=2259", attributeId: opcua.AttributeIds.Value },
  ]);
  result.commandDataType = attributes[0].value.value.toString();
  result.commandAccessLevel = attributes[1].value.value;
  result.stateAccessLevel = attributes[2].value.value;
  result.stateBrowseName = attributes[3].value.value.toString();
  result.serverState = attributes[4].value.value;

  const write = await session.write({ nodeId: id("CommandName"), attributeId: opcua.AttributeIds.Value, value: { value: { dataType: opcua.DataType.String, value: command } } });
  result.commandWrite = write.name;
  const stateWrite = await session.write({ nodeId: id("State"), attributeId: opcua.AttributeIds.Value, value: { value: { dataType: opcua.DataType.String, value: "Execute" } } });
  result.stateWrite = stateWrite.name;

  const subscription = opcua.ClientSubscription.create(session, {
    requestedPublishingInterval: 100, requestedLifetimeCount: 600, requestedMaxKeepAliveCount: 10,
    maxNotificationsPerPublish: 0, publishingEnabled: true, priority: 1,
  });
  result.changes = {};
  const monitored = ["State", "ProducedCount", "Temperature"];
  const group = await opcua.ClientMonitoredItemGroup.create(subscription,
    monitored.map(t => ({ nodeId: id(t), attributeId: opcua.AttributeIds.Value })),
    { samplingInterval: 50, queueSize: 10, discardOldest: true }, opcua.TimestampsToReturn.Both);
  group.on("changed", (item, dataValue) => {
    const tag = item.itemToMonitor.nodeId.value.split(".")[1];
    (result.changes[tag] = result.changes[tag] || []).push(dataValue.value.value);
  });
  await new Promise(r => setTimeout(r, seconds * 1000));
  await subscription.terminate();
  await session.close();
  await client.disconnect();
  console.log("RESULT " + JSON.stringify(result));
}

main().catch(err => { console.error("FAILED " + (err && err.stack || err)); process.exit(1); });
