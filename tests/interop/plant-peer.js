// An independent PLC for the connectivity tests: a node-opcua server with machine tags. Binds 127.0.0.1 only.
// usage: node plant-peer.js --port N --machines M1,M2 [--static M2] [--rate MS] [--no-heartbeat M1]
//        [--state-names Execute=Running,Aborted=Fault]
// --state-names makes .State report the PLC's own names for those PackML states (as many real PLCs do).
// Each machine M has ns=1;s=M.State (String), .StateCurrent (Int32 PackTags), .Mode (Int32), .Produced/.Good/.Scrap
// (UInt32), .Speed and .Temperature (Double), .Alarm (Boolean) and a writable .Command (Int32 CntrlCmd).
// Machines not listed in --static produce every --rate ms. .Heartbeat (UInt32) counts up every 250 ms, also
// for --static machines (a PLC that runs while its machine stands still), except for those in --no-heartbeat. Commands follow PackML: an acting state completes
// after 200 ms; an illegal command is refused with BadInvalidState.
// Prints "READY opc.tcp://127.0.0.1:PORT ns=INDEX" when it accepts connections.
"use strict";
const opcua = require("node-opcua");

function option(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = parseInt(option("port", "0"), 10);
const machines = option("machines", "M1").split(",").filter(Boolean);
const frozen = new Set(option("static", "").split(",").filter(Boolean));
const heartless = new Set(option("no-heartbeat", "").split(",").filter(Boolean));
const rate = parseInt(option("rate", "100"), 10);
const ownNames = Object.fromEntries(option("state-names", "").split(",").filter(Boolean).map(pair => pair.split("=")));
const numbers = { Clearing: 1, Stopped: 2, Starting: 3, Idle: 4, Suspended: 5, Execute: 6, Stopping: 7, Aborting: 8,
  Aborted: 9, Holding: 10, Held: 11, Unholding: 12, Suspending: 13, Unsuspending: 14, Resetting: 15, Completing: 16, Complete: 17 };
const complete = { Clearing: "Stopped", Resetting: "Idle", Starting: "Execute", Stopping: "Stopped", Aborting: "Aborted",
  Holding: "Held", Unholding: "Execute", Suspending: "Suspended", Unsuspending: "Execute", Completing: "Complete" };
const stopFrom = ["Resetting", "Idle", "Starting", "Execute", "Completing", "Complete", "Holding", "Held", "Unholding", "Suspending", "Suspended", "Unsuspending"];
function next(state, command) {
  switch (command) {
    case 1: return state === "Stopped" || state === "Complete" ? "Resetting" : null;
    case 2: return state === "Idle" ? "Starting" : null;
    case 3: return stopFrom.includes(state) ? "Stopping" : null;
    case 4: return state === "Execute" ? "Holding" : null;
    case 5: return state === "Held" ? "Unholding" : null;
    case 8: return state === "Aborting" || state === "Aborted" ? null : "Aborting";
    case 9: return state === "Aborted" ? "Clearing" : null;
    default: return null;
  }
}

async function main() {
  const server = new opcua.OPCUAServer({ port, host: "127.0.0.1", hostname: "127.0.0.1", allowAnonymous: true,
    // None and Basic256Sha256 SignAndEncrypt, as PLCs commonly ship; the connector tests use both.
    securityModes: [opcua.MessageSecurityMode.None, opcua.MessageSecurityMode.SignAndEncrypt],
    securityPolicies: [opcua.SecurityPolicy.None, opcua.SecurityPolicy.Basic256Sha256],
    buildInfo: { productName: "factory-plant-peer" } });
  await server.initialize();
  const space = server.engine.addressSpace;
  const ns = space.getOwnNamespace();
  const plant = ns.addFolder(space.rootFolder.objects, { browseName: "Plant" });
  for (const name of machines) {
    const m = { state: frozen.has(name) ? "Execute" : "Idle", produced: 0, good: 0, scrap: 0, temperature: 40, vars: {} };
    const folder = ns.addFolder(plant, { browseName: name });
    const types = {};
    const values = () => ({ State: ownNames[m.state] ?? m.state, StateCurrent: numbers[m.state], Mode: 1, Produced: m.produced, Good: m.good, Scrap: m.scrap,
      Speed: m.state === "Execute" ? 60000 / rate : 0, Temperature: m.temperature, Alarm: m.state === "Aborted" });
    const add = (field, dataType) => {
      types[field] = dataType;
      m.vars[field] = ns.addVariable({ componentOf: folder, browseName: field, nodeId: `s=${name}.${field}`, dataType,
        minimumSamplingInterval: 0 });
      m.vars[field].setValueFromSource({ dataType, value: values()[field] }, opcua.StatusCodes.Good, new Date());
    };
    add("State", opcua.DataType.String);
    add("StateCurrent", opcua.DataType.Int32);
    add("Mode", opcua.DataType.Int32);
    add("Produced", opcua.DataType.UInt32);
    add("Good", opcua.DataType.UInt32);
    add("Scrap", opcua.DataType.UInt32);
    add("Speed", opcua.DataType.Double);
    add("Temperature", opcua.DataType.Double);
    add("Alarm", opcua.DataType.Boolean);
    const heartbeat = ns.addVariable({ componentOf: folder, browseName: "Heartbeat", nodeId: `s=${name}.Heartbeat`,
      dataType: opcua.DataType.UInt32, minimumSamplingInterval: 0 });
    let beats = 0;
    heartbeat.setValueFromSource({ dataType: opcua.DataType.UInt32, value: beats }, opcua.StatusCodes.Good, new Date());
    if (!heartless.has(name)) {
      setInterval(() => heartbeat.setValueFromSource({ dataType: opcua.DataType.UInt32, value: ++beats }, opcua.StatusCodes.Good, new Date()), 250);
    }
    let lastCommand = 0;
    ns.addVariable({ componentOf: folder, browseName: "Command", nodeId: `s=${name}.Command`, dataType: opcua.DataType.Int32,
      accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite", minimumSamplingInterval: 0,
      value: {
        get: () => new opcua.Variant({ dataType: opcua.DataType.Int32, value: lastCommand }),
        set: variant => {
          const target = next(m.state, variant.value);
          if (!target) return opcua.StatusCodes.BadInvalidState;
          lastCommand = variant.value;
          setState(target);
          return opcua.StatusCodes.Good;
        },
      } });
    const touch = (...fields) => {
      const now = new Date();
      const v = values();
      fields.forEach(f => m.vars[f].setValueFromSource({ dataType: types[f], value: v[f] }, opcua.StatusCodes.Good, now));
    };
    function setState(state) {
      m.state = state;
      touch("State", "StateCurrent", "Speed", "Alarm");
      if (complete[state]) setTimeout(() => { if (m.state === state) setState(complete[state]); }, 200);
    }
    if (!frozen.has(name)) {
      setInterval(() => {
        m.temperature = 40 + Math.round(Math.random() * 50) / 10;
        if (m.state === "Execute") { m.produced++; if (m.produced % 20 === 0) m.scrap++; else m.good++; touch("Produced", "Good", "Scrap"); }
        touch("Temperature");
      }, rate);
    }
  }
  await server.start();
  console.log(`READY opc.tcp://127.0.0.1:${server.endpoints[0].port} ns=${ns.index}`);
  const stop = async () => { await server.shutdown(100); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
}

main().catch(e => { console.error(e); process.exit(1); });
