namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>
/// A chat answer, or one piece of a streamed answer. Fields are declared in the service's order; null fields
/// (<c>sentence_id</c> and <c>is_end</c> outside streams, <c>ban_round</c> unless history must be cleared) are omitted.
/// </summary>
internal sealed class ChatCompletionBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "chat.completion";

    public required long Created { get; init; }

    public int? SentenceId { get; init; }

    public bool? IsEnd { get; init; }

    public bool IsTruncated { get; init; }

    public required string Result { get; init; }

    public bool NeedClearHistory { get; init; }

    public int? BanRound { get; init; }

    public string FinishReason { get; init; } = "normal";

    public FunctionCallBody? FunctionCall { get; init; }

    public int Flag { get; init; }

    public required UsageBody Usage { get; init; }
}
