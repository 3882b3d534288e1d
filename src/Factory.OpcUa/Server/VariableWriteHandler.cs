using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Server;

/// <summary>
/// Decides a client's write to a variable's Value. Return a Bad code to refuse (nothing changes); on Good the
/// handler has applied the write itself (usually through <see cref="VariableNode.SetValue(Variant, DateTime)"/>).
/// </summary>
public delegate StatusCode VariableWriteHandler(VariableNode node, Variant value);
