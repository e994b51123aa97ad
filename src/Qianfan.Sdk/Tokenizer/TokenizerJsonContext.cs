using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Tokenizer;

/// <summary>The tokenizer area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSerializable(typeof(TokenCountRequestBody))]
[JsonSerializable(typeof(TokenCountResponse))]
internal sealed partial class TokenizerJsonContext : JsonSerializerContext;
