using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// One event of a streamed reply. Whether the service sent only the new text (<c>incremental_output: true</c>) or
/// all the text so far (<c>false</c>), the SDK gives both: <see cref="Delta"/> is what this event adds,
/// <see cref="Text"/> everything so far; likewise <see cref="ReasoningDelta"/> and <see cref="Reasoning"/>, and
/// <see cref="ToolCalls"/> assembled from their fragments. The last event has a <see cref="FinishReason"/>.
/// </summary>
public sealed class GenerationChunk : ServiceResult
{
    private TextSoFar _text;
    private TextSoFar _reasoning;

    /// <summary>The event's <c>output</c> exactly as sent (incremental or cumulative, as the request asked).</summary>
    [JsonPropertyName("output")]
    public GenerationOutput Output { get => OutputOrNull ?? new GenerationOutput(); set => OutputOrNull = value; }

    /// <summary>The tokens so far (DashScope reports the running total in every event).</summary>
    [JsonPropertyName("usage")]
    public GenerationUsage? Usage { get; set; }

    /// <summary>The text this event adds ("" for none).</summary>
    [JsonIgnore]
    public string Delta { get; internal set; } = "";

    /// <summary>All the answer's text up to and including this event.</summary>
    [JsonIgnore]
    public string Text => _text.Value;

    /// <summary>The reasoning this event adds (thinking models; "" for none).</summary>
    [JsonIgnore]
    public string ReasoningDelta { get; internal set; } = "";

    /// <summary>All the reasoning up to and including this event.</summary>
    [JsonIgnore]
    public string Reasoning => _reasoning.Value;

    /// <summary>The tool calls so far, each assembled from its fragments (complete once <see cref="FinishReason"/> is set).</summary>
    [JsonIgnore]
    public IReadOnlyList<GenerationToolCall> ToolCalls { get; internal set; } = [];

    /// <summary>Why the answer stopped, on the last event (<c>stop</c>, <c>length</c>, <c>tool_calls</c> …); null before.</summary>
    [JsonIgnore]
    public string? FinishReason => FinishReasons.Normalize(Output.FinishReason ?? (Output.Choices.Count > 0 ? Output.Choices[0]?.FinishReason : null));

    /// <summary>Whether this is the last event: it has a <see cref="FinishReason"/>.</summary>
    [JsonIgnore]
    public bool IsLast => FinishReason is not null;

    /// <summary>Which shape the events come in: message when they have choices, else text.</summary>
    [JsonIgnore]
    public GenerationResultFormat ResultFormat => Output.Choices.Count > 0 ? GenerationResultFormat.Message : GenerationResultFormat.Text;

    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal GenerationOutput? OutputOrNull { get; private set; }

    internal override string? BodyId => BodyRequestId;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;

    /// <summary>The text as the event itself carries it (a piece, or all so far).</summary>
    internal string WireText => Output.Text ?? (Output.Choices.Count > 0 ? Output.Choices[0]?.Message?.Content : null) ?? "";

    internal string WireReasoning => (Output.Choices.Count > 0 ? Output.Choices[0]?.Message?.ReasoningContent : null) ?? "";

    internal IReadOnlyList<GenerationToolCall> WireToolCalls => (Output.Choices.Count > 0 ? Output.Choices[0]?.Message?.ToolCalls : null) ?? [];

    internal void SetText(TextSoFar text, TextSoFar reasoning)
    {
        _text = text;
        _reasoning = reasoning;
    }
}
