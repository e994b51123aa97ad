using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>A message's <c>content</c> on the wire: its text, and its parts when it is multimodal.</summary>
/// <remarks>
/// The converter is named here rather than on the message's property: a property's own converter costs the message,
/// and every request carrying it, the source generator's fast serialization path.
/// </remarks>
[JsonConverter(typeof(MessageContentConverter))]
internal sealed record MessageContent(string Text, IReadOnlyList<ChatContentPart>? Parts);
