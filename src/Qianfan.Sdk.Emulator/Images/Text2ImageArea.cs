using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>
/// V1 text-to-image (<c>text2image/sd_xl</c>, and custom services): the documented body of Stable Diffusion XL
/// (prompt and negative prompt ≤ 1,024 characters, one of the documented sizes, n in [1, 4], steps in [10, 50], seed
/// in [0, 2³² − 1], cfg_scale in (0, 30]), answered with real PNG files drawn by <see cref="ImageRenderer"/>.
/// </summary>
internal sealed class Text2ImageArea(EmulatorState state, IEnumerable<ModelSpec> customEndpoints) : IV1Area
{
    public const string DefaultEndpoint = "sd_xl";
    private const int MaxPromptCharacters = 1024;

    private readonly FrozenSet<string> _endpoints = customEndpoints.Select(e => e.Endpoint).Append(DefaultEndpoint).ToFrozenSet(StringComparer.Ordinal);

    public string Family => "text2image";

    public bool Serves(string endpoint) => _endpoints.Contains(endpoint);

    public AreaCall? Read(string endpoint, JsonElement body, out string? rule)
    {
        var prompt = AreaBody.String(body, "prompt", out _);
        var negative = AreaBody.String(body, "negative_prompt", out var negativeIsString);
        var size = AreaBody.String(body, "size", out _);
        var n = AreaBody.Integer(body, "n");
        var steps = AreaBody.Integer(body, "steps");
        var seed = AreaBody.Integer(body, "seed");
        var cfgScale = AreaBody.Number(body, "cfg_scale");
        rule = string.IsNullOrEmpty(prompt) ? "prompt must not be empty"
            : TokenEstimator.CountCharacters(prompt) > MaxPromptCharacters ? $"the length of prompt must not exceed {MaxPromptCharacters} characters"
            : !AreaBody.IsAbsent(body, "negative_prompt") && !negativeIsString ? "negative_prompt must be a string"
            : negative is not null && TokenEstimator.CountCharacters(negative) > MaxPromptCharacters ? $"the length of negative_prompt must not exceed {MaxPromptCharacters} characters"
            : !AreaBody.IsAbsent(body, "size") && !Text2ImageRequest.Sizes.Contains(size ?? "", StringComparer.Ordinal) ? $"size must be one of {string.Join(", ", Text2ImageRequest.Sizes)}"
            : !AreaBody.IsAbsent(body, "n") && n is not (>= 1 and <= 4) ? "n must be an integer in range [1, 4]"
            : !AreaBody.IsAbsent(body, "steps") && steps is not (>= 10 and <= 50) ? "steps must be an integer in range [10, 50]"
            : !AreaBody.IsAbsent(body, "seed") && seed is not (>= 0 and <= uint.MaxValue) ? "seed must be an integer in range [0, 4294967295]"
            : !AreaBody.IsAbsent(body, "cfg_scale") && cfgScale is not (> 0 and <= 30) ? "cfg_scale must be in range (0, 30]"
            : CheckString(body, "sampler_index") ?? CheckString(body, "style") ?? AreaBody.CheckUser(body, "user_id");
        if (rule is not null)
        {
            return null;
        }

        var (width, height) = ImageSize.Of(size);
        var seedText = seed?.ToString(CultureInfo.InvariantCulture);
        var style = AreaBody.String(body, "style", out _);
        return new Text2ImageCall(state, prompt!, width, height, (int)(n ?? 1), i => ImageRenderer.Seed(i, endpoint, prompt, negative, style, seedText));
    }

    private static string? CheckString(JsonElement body, string name) =>
        !AreaBody.IsAbsent(body, name) && AreaBody.String(body, name, out _) is null ? $"{name} must be a string" : null;
}
