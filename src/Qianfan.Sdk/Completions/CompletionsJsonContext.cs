using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Completions;

/// <summary>The completions area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CompletionRequestBody))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(CompletionChunk))]
internal sealed partial class CompletionsJsonContext : JsonSerializerContext;
