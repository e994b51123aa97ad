namespace Qianfan.Sdk.Core.Telemetry;

/// <summary>The sampling parameters a call's span reports (the GenAI conventions' <c>gen_ai.request.*</c>).</summary>
internal readonly record struct SamplingTags(
    float? Temperature = null,
    float? TopP = null,
    int? TopK = null,
    int? MaxTokens = null,
    float? FrequencyPenalty = null,
    float? PresencePenalty = null);
