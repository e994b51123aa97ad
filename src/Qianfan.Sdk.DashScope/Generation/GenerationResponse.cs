using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// A whole reply, read alike whichever shape it came in (<c>output.text</c> for the <c>text</c> format,
/// <c>output.choices</c> for the <c>message</c> format): <see cref="Text"/>, <see cref="FinishReason"/>,
/// <see cref="Message"/> (to append to a history), <see cref="ToolCalls"/>, <see cref="Usage"/> and the request id.
/// </summary>
public sealed class GenerationResponse : ServiceResult
{
    private GenerationMessage? _message;

    /// <summary>The <c>output</c> as sent.</summary>
    [JsonPropertyName("output")]
    public GenerationOutput Output { get => OutputOrNull ?? new GenerationOutput(); set => OutputOrNull = value; }

    /// <summary>The tokens consumed.</summary>
    [JsonPropertyName("usage")]
    public GenerationUsage? Usage { get; set; }

    /// <summary>Which shape the reply came in: message when it has choices, else text.</summary>
    [JsonIgnore]
    public GenerationResultFormat ResultFormat => Output.Choices.Count > 0 ? GenerationResultFormat.Message : GenerationResultFormat.Text;

    /// <summary>The answer's text ("" when it only calls tools); the first answer's, when several were asked for.</summary>
    [JsonIgnore]
    public string Text => Output.Text ?? First?.Message?.Content ?? "";

    /// <summary>Why it stopped (<c>stop</c>, <c>length</c>, <c>tool_calls</c> …); null when the service did not say.</summary>
    [JsonIgnore]
    public string? FinishReason => FinishReasons.Normalize(Output.FinishReason ?? First?.FinishReason);

    /// <summary>The answer as an assistant message, whichever the shape, ready to append to a conversation's history.</summary>
    [JsonIgnore]
    public GenerationMessage Message => _message ??= First?.Message ?? GenerationMessage.Assistant(Text);

    /// <summary>The tools the answer asks to call; empty when none.</summary>
    [JsonIgnore]
    public IReadOnlyList<GenerationToolCall> ToolCalls => First?.Message?.ToolCalls ?? [];

    /// <summary>A thinking model's reasoning; null when there is none.</summary>
    [JsonIgnore]
    public string? ReasoningContent => First?.Message?.ReasoningContent;

    /// <summary>Every answer (several with <see cref="GenerationRequest.N"/>); empty in the text format.</summary>
    [JsonIgnore]
    public IReadOnlyList<GenerationChoice> Choices => Output.Choices;

    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    /// <summary>The <c>output</c> as deserialized: null when the answer had none (which the client reports as malformed).</summary>
    internal GenerationOutput? OutputOrNull { get; private set; }

    internal override string? BodyId => BodyRequestId;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;

    private GenerationChoice? First => Output.Choices.Count > 0 ? Output.Choices[0] : null;
}
