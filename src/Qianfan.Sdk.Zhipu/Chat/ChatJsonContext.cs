using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>The chat area's wire types, sync, streamed and asynchronous, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequestBody))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(AsyncChatTask))]
[JsonSerializable(typeof(AsyncChatResult))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
