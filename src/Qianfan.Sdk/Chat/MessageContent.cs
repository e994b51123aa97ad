namespace Qianfan.Sdk.Chat;

/// <summary>A message's <c>content</c> on the wire: its text, and its parts when it is multimodal.</summary>
internal readonly record struct MessageContent(string Text, IReadOnlyList<ChatContentPart>? Parts);
