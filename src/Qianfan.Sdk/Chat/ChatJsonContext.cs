using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>The chat area's wire types, V1 and V2, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRequestBody))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(ChatCompletionRequestBody))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
