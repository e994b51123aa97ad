using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>One answer, decided before anything is written: its id, text, stream pieces and token counts.</summary>
internal sealed record ChatAnswer(string Id, string Result, IReadOnlyList<string> Pieces, bool NeedClearHistory, UsageBody Usage);
