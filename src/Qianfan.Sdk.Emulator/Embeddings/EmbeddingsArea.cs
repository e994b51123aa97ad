using System.Collections.Frozen;
using System.Text.Json;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator.Embeddings;

/// <summary>
/// Embeddings, V1 (<c>embeddings/{embedding-v1 | bge_large_zh | bge_large_en | tao_8k}</c>) and V2
/// (<c>/v2/embeddings</c> with <c>model</c>), checked against each model's documented limits (Embedding-V1 ≤ 16 texts of
/// ≤ 1,000 characters and ≤ 384 tokens; bge-large ≤ 16 of ≤ 2,000 and ≤ 512; tao-8k exactly 1 of ≤ 8,192 tokens) and
/// answered with <see cref="EmbeddingVectors"/> of the model's size (384 for Embedding-V1, 1,024 for the others).
/// </summary>
internal sealed class EmbeddingsArea(EmulatorState state) : IV1Area, IV2Area
{
    private static readonly FrozenDictionary<string, EmbeddingModelSpec> ByEndpoint =
        EmbeddingModels.All.ToFrozenDictionary(s => s.Endpoint, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, EmbeddingModelSpec> ByName =
        EmbeddingModels.All.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    public string Family => "embeddings";

    public string Path => AreaPaths.V2Embeddings;

    public bool Serves(string endpoint) => ByEndpoint.ContainsKey(endpoint);

    public AreaCall? Read(string endpoint, JsonElement body, out string? rule)
    {
        var spec = ByEndpoint[endpoint];
        rule = Check(body, spec, "user_id", out var input);
        return rule is null ? new EmbeddingCall(state, spec, input) : null;
    }

    public AreaCall? Read(JsonElement body, out V2Error? error)
    {
        var model = AreaBody.String(body, "model", out var isString);
        if (string.IsNullOrEmpty(model))
        {
            error = isString || AreaBody.IsAbsent(body, "model") ? V2Error.ModelEmpty() : V2Error.InvalidArgument("model must be a string");
            return null;
        }

        if (!ByName.TryGetValue(model, out var spec))
        {
            error = V2Error.UnknownModel();
            return null;
        }

        var rule = Check(body, spec, "user", out var input);
        error = rule is null ? null : V2Error.InvalidArgument(rule);
        return rule is null ? new EmbeddingCall(state, spec, input) : null;
    }

    private static string? Check(JsonElement body, EmbeddingModelSpec spec, string userField, out List<string> input)
    {
        var list = AreaBody.Strings(body, "input");
        input = list ?? [];
        if (list is null)
        {
            return "input must be a list of strings";
        }

        if (input.Count == 0)
        {
            return "input must not be empty";
        }

        if (input.Count > spec.MaxTexts)
        {
            return spec.MaxTexts == 1
                ? $"the input of {spec.Name} must hold exactly 1 text"
                : $"embeddings max upper limit of batch size is {spec.MaxTexts}";
        }

        foreach (var text in input)
        {
            if (text.Length == 0)
            {
                return "input text must not be empty";
            }

            if (spec.MaxCharacters is { } maxCharacters && TokenEstimator.CountCharacters(text) > maxCharacters)
            {
                return $"the length of each input text must not exceed {maxCharacters} characters";
            }

            if (TokenEstimator.Count(text) > spec.MaxTokens)
            {
                return $"embeddings max tokens per text is {spec.MaxTokens}";
            }
        }

        return AreaBody.CheckUser(body, userField);
    }
}
