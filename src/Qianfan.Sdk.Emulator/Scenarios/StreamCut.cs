namespace Qianfan.Sdk.Emulator.Scenarios;

/// <summary>End a stream cleanly after this many sentences, never sending the <c>is_end</c> piece.</summary>
internal sealed record StreamCut(int AfterSentences);
