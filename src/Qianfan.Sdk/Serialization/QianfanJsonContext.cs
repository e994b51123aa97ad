using System.Text.Json.Serialization;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.V2;

namespace Qianfan.Sdk.Serialization;

/// <summary>All wire types, compiled ahead of time so the SDK needs no reflection (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRequestBody))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(BearerTokenResponse))]
[JsonSerializable(typeof(ChatCompletionRequestBody))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(V2ErrorEnvelope))]
internal sealed partial class QianfanJsonContext : JsonSerializerContext;
