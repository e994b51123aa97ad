namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>A message's <c>content</c> on the wire: its text, and its parts when it is multimodal.</summary>
internal sealed record MessageContent(string Text, IReadOnlyList<ChatContentPart>? Parts);
