// Generates the UA Binary message types and the status code table of Factory.OpcUa from the
// machine-readable definitions that ship with node-opcua (Opc.Ua.Types.bsd, encoding ids, status codes).
// Run from tests/interop after `npm ci`: node generate-csharp.js
"use strict";
const fs = require("fs");
const path = require("path");

const repoRoot = path.resolve(__dirname, "..", "..");
const bsdPath = require.resolve("node-opcua-nodesets/nodesets/Opc.Ua.Types.bsd");
const bsd = fs.readFileSync(bsdPath, "utf8");
const { ObjectIds } = require("node-opcua-constants");
const { StatusCodes } = require("node-opcua-status-code");

// The structures a plant connector (and later a small server) exchanges; dependencies are added transitively.
const roots = [
  "ServiceFault", "OpenSecureChannelRequest", "OpenSecureChannelResponse", "CloseSecureChannelRequest",
  "CloseSecureChannelResponse", "GetEndpointsRequest", "GetEndpointsResponse", "FindServersRequest",
  "FindServersResponse", "CreateSessionRequest", "CreateSessionResponse", "ActivateSessionRequest",
  "ActivateSessionResponse", "CloseSessionRequest", "CloseSessionResponse", "AnonymousIdentityToken",
  "UserNameIdentityToken", "X509IdentityToken", "IssuedIdentityToken", "BrowseRequest", "BrowseResponse",
  "BrowseNextRequest", "BrowseNextResponse", "TranslateBrowsePathsToNodeIdsRequest",
  "TranslateBrowsePathsToNodeIdsResponse", "RegisterNodesRequest", "RegisterNodesResponse",
  "UnregisterNodesRequest", "UnregisterNodesResponse", "ReadRequest", "ReadResponse", "WriteRequest",
  "WriteResponse", "CallRequest", "CallResponse", "CreateSubscriptionRequest", "CreateSubscriptionResponse",
  "ModifySubscriptionRequest", "ModifySubscriptionResponse", "SetPublishingModeRequest",
  "SetPublishingModeResponse", "DeleteSubscriptionsRequest", "DeleteSubscriptionsResponse",
  "TransferSubscriptionsRequest", "TransferSubscriptionsResponse", "CreateMonitoredItemsRequest",
  "CreateMonitoredItemsResponse", "ModifyMonitoredItemsRequest", "ModifyMonitoredItemsResponse",
  "DeleteMonitoredItemsRequest", "DeleteMonitoredItemsResponse", "SetMonitoringModeRequest",
  "SetMonitoringModeResponse", "PublishRequest", "PublishResponse", "RepublishRequest", "RepublishResponse",
  "DataChangeFilter", "EventFilter", "AggregateFilter", "DataChangeNotification", "StatusChangeNotification",
  "EventNotificationList", "Range", "EUInformation", "Argument", "ServerStatusDataType", "BuildInfo",
  "EnumValueType", "RedundantServerDataType", "TimeZoneDataType", "AnonymousIdentityToken",
];

const builtIn = {
  "opc:Boolean": ["bool", "Boolean", "false"], "opc:SByte": ["sbyte", "SByte", "0"], "opc:Byte": ["byte", "Byte", "0"],
  "opc:Int16": ["short", "Int16", "0"], "opc:UInt16": ["ushort", "UInt16", "0"], "opc:Int32": ["int", "Int32", "0"],
  "opc:UInt32": ["uint", "UInt32", "0"], "opc:Int64": ["long", "Int64", "0"], "opc:UInt64": ["ulong", "UInt64", "0"],
  "opc:Float": ["float", "Float", "0"], "opc:Double": ["double", "Double", "0"], "opc:String": ["string?", "String", null],
  "opc:CharArray": ["string?", "String", null], "opc:DateTime": ["DateTime", "DateTime", null], "opc:Guid": ["Guid", "Guid", null],
  "opc:ByteString": ["byte[]?", "ByteString", null], "ua:XmlElement": ["XmlElement", "XmlElement", null],
  "ua:NodeId": ["NodeId", "NodeId", "global::Factory.OpcUa.Encoding.NodeId.Null"], "ua:ExpandedNodeId": ["ExpandedNodeId", "ExpandedNodeId", "global::Factory.OpcUa.Encoding.ExpandedNodeId.Null"],
  "opc:StatusCode": ["StatusCode", "StatusCode", null], "ua:StatusCode": ["StatusCode", "StatusCode", null],
  "ua:QualifiedName": ["QualifiedName", "QualifiedName", null], "ua:LocalizedText": ["LocalizedText", "LocalizedText", null],
  "ua:ExtensionObject": ["ExtensionObject", "ExtensionObject", "global::Factory.OpcUa.Encoding.ExtensionObject.Null"], "ua:DataValue": ["DataValue", "DataValue", null],
  "ua:Variant": ["Variant", "Variant", null], "ua:DiagnosticInfo": ["DiagnosticInfo?", "DiagnosticInfo", null],
};

function parseTypes() {
  const structs = {}, enums = {};
  const sre = /<opc:StructuredType Name="(\w+)"[^>]*>([\s\S]*?)<\/opc:StructuredType>/g;
  let m;
  while ((m = sre.exec(bsd))) {
    const fields = [];
    const fre = /<opc:Field Name="(\w+)" TypeName="([\w:]+)"([^>]*)\/>/g;
    let f;
    while ((f = fre.exec(m[2]))) {
      const lf = /LengthField="(\w+)"/.exec(f[3]);
      const sw = /SwitchField="(\w+)"/.exec(f[3]);
      fields.push({ name: f[1], type: f[2], lengthField: lf && lf[1], switchField: sw && sw[1] });
    }
    structs[m[1]] = fields;
  }
  const ere = /<opc:EnumeratedType Name="(\w+)"([^>]*)>([\s\S]*?)<\/opc:EnumeratedType>/g;
  while ((m = ere.exec(bsd))) {
    if (/IsOptionSet="true"/.test(m[2])) continue;
    const values = [];
    const vre = /<opc:EnumeratedValue Name="(\w+)" Value="(-?\d+)" \/>/g;
    let v;
    while ((v = vre.exec(m[3]))) values.push([v[1], v[2]]);
    enums[m[1]] = values;
  }
  return { structs, enums };
}

const { structs, enums } = parseTypes();
const wantedStructs = new Set(), wantedEnums = new Set();
function want(name) {
  if (wantedStructs.has(name)) return;
  const fields = structs[name];
  if (!fields) throw new Error("unknown structure " + name);
  if (fields.some(f => f.switchField || f.type === "opc:Bit")) throw new Error("optional fields unsupported in " + name);
  wantedStructs.add(name);
  for (const f of fields) {
    if (builtIn[f.type]) continue;
    const local = f.type.replace(/^tns:/, "");
    if (enums[local]) wantedEnums.add(local);
    else want(local);
  }
}
roots.forEach(want);

const header = "// <auto-generated>\n// Generated by tests/interop/generate-csharp.js from Opc.Ua.Types.bsd (node-opcua-nodesets). Do not edit.\n// </auto-generated>\n#nullable enable\n";
const outDir = path.join(repoRoot, "src", "Factory.OpcUa", "Services", "Types");
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

for (const name of [...wantedEnums].sort()) {
  const lines = [header, "namespace Factory.OpcUa.Services;", "",
    `/// <summary>The ${name} enumeration of OPC UA (encoded as Int32).</summary>`,
    `public enum ${name}`, "{"];
  for (const [n, v] of enums[name]) lines.push(`    ${n} = ${v},`);
  lines.push("}", "");
  fs.writeFileSync(path.join(outDir, name + ".cs"), lines.join("\n"));
}

const registrations = [];
for (const name of [...wantedStructs].sort()) {
  const fields = structs[name].filter(f => !structs[name].some(o => o.lengthField === f.name));
  const encodingId = ObjectIds[name + "_Encoding_DefaultBinary"];
  if (encodingId === undefined) throw new Error("no encoding id for " + name);
  registrations.push(`        registry.Add(${name}.EncodingId, static () => new ${name}());`);
  const ifaces = ["IEncodeable"];
  if (fields[0] && fields[0].type === "tns:RequestHeader") ifaces.push("IServiceRequest");
  if (fields[0] && fields[0].type === "tns:ResponseHeader") ifaces.push("IServiceResponse");
  const props = [], enc = [], dec = [];
  for (const f of fields) {
    const pname = f.name === name ? f.name + "Value" : f.name;
    const isArray = !!f.lengthField;
    const b = builtIn[f.type];
    const local = f.type.replace(/^tns:/, "");
    let csType, init = null, write, read;
    if (b) {
      csType = b[0]; init = b[2];
      if (isArray) {
        const elem = csType.replace(/\?$/, "");
        const arrElem = (elem === "string" || elem === "byte[]" || elem === "DiagnosticInfo") ? elem + "?" : elem;
        csType = `${arrElem}[]`; init = "[]";
        write = `writer.Write${b[1]}Array(${pname});`;
        read = `${pname} = reader.Read${b[1]}Array() ?? [];`;
      } else {
        if (init === "0" || init === "false") init = null;
        write = `writer.Write${b[1]}(${pname});`;
        read = `${pname} = reader.Read${b[1]}();`;
      }
    } else if (enums[local]) {
      csType = isArray ? `${local}[]` : local; init = isArray ? "[]" : null;
      write = isArray ? `writer.WriteEnumArray(${pname});` : `writer.WriteInt32((int)${pname});`;
      read = isArray ? `${pname} = reader.ReadEnumArray<${local}>() ?? [];` : `${pname} = (${local})reader.ReadInt32();`;
    } else {
      csType = isArray ? `${local}[]` : local; init = isArray ? "[]" : "new()";
      write = isArray ? `writer.WriteEncodeableArray(${pname});` : `writer.WriteEncodeable(${pname});`;
      read = isArray ? `${pname} = reader.ReadEncodeableArray<${local}>() ?? [];` : `${pname} = reader.ReadEncodeable<${local}>();`;
    }
    props.push(`    public ${csType} ${pname} { get; set; }${init ? " = " + init + ";" : ""}`);
    enc.push("        " + write);
    dec.push("        " + read);
  }
  const lines = [header, "using Factory.OpcUa.Encoding;", "", "namespace Factory.OpcUa.Services;", "",
    `/// <summary>The ${name} structure of OPC UA (DefaultBinary encoding id ${encodingId}).</summary>`,
    `public sealed class ${name} : ${ifaces.join(", ")}`, "{",
    `    /// <summary>The NodeId of the DefaultBinary encoding of ${name}.</summary>`,
    `    public static readonly NodeId EncodingId = new(${encodingId});`, "",
    "    /// <inheritdoc />", "    public NodeId BinaryEncodingId => EncodingId;", "",
    ...props, "",
    "    /// <inheritdoc />", "    public void Encode(UaWriter writer)", "    {", ...enc, "    }", "",
    "    /// <inheritdoc />", "    public void Decode(ref UaReader reader)", "    {", ...dec, "    }", "}", ""];
  fs.writeFileSync(path.join(outDir, name + ".cs"), lines.join("\n"));
}

fs.writeFileSync(path.join(outDir, "GeneratedTypes.cs"), [header, "using Factory.OpcUa.Encoding;", "",
  "namespace Factory.OpcUa.Services;", "",
  "/// <summary>Registers every generated structure with an <see cref=\"EncodeableRegistry\"/>.</summary>",
  "public static class GeneratedTypes", "{",
  "    /// <summary>Adds the DefaultBinary decoders of all generated structures.</summary>",
  "    public static void Register(EncodeableRegistry registry)", "    {",
  "        ArgumentNullException.ThrowIfNull(registry);",
  ...registrations, "    }", "}", ""].join("\n"));

// Status codes: constants plus a name table.
const codes = Object.keys(StatusCodes).map(k => [k, StatusCodes[k].value >>> 0])
  .filter(([k, v]) => typeof v === "number" && !Number.isNaN(v));
const sc = [header, "using System.Collections.Frozen;", "", "namespace Factory.OpcUa.Encoding;", "",
  "/// <summary>The status codes of OPC UA (Part 4 §7.39, Part 6 Annex A) with their symbolic names.</summary>",
  "public static class StatusCodes", "{"];
for (const [k, v] of codes) sc.push(`    public const uint ${k} = 0x${v.toString(16).toUpperCase().padStart(8, "0")};`);
sc.push("", "    private static readonly FrozenDictionary<uint, string> s_names = new Dictionary<uint, string>", "    {");
const seen = new Set();
for (const [k, v] of codes) { if (seen.has(v)) continue; seen.add(v); sc.push(`        [${k}] = "${k}",`); }
sc.push("    }.ToFrozenDictionary();", "",
  "    /// <summary>The symbolic name of a code (info bits ignored), or null when the code is not in the table.</summary>",
  "    public static string? NameOf(uint code) => s_names.TryGetValue(code & 0xFFFF0000u, out var name) ? name : null;",
  "}", "");
fs.writeFileSync(path.join(repoRoot, "src", "Factory.OpcUa", "Encoding", "StatusCodes.cs"), sc.join("\n"));
console.log(`generated ${wantedStructs.size} structures, ${wantedEnums.size} enumerations, ${codes.length} status codes`);
