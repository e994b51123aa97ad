using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// V2's <c>tool_choice</c> on the wire: <c>auto</c>, <c>none</c> and <c>required</c> as strings, a function's name as
/// <c>{"type":"function","function":{"name":"…"}}</c>. A type of its own so that its converter is the type's, not the
/// body property's, which would cost the body the source generator's fast serialization path.
/// </summary>
[JsonConverter(typeof(ToolChoiceConverter))]
internal readonly record struct ToolChoiceBody(string Value);
