namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>Which reader a body is for.</summary>
internal enum ReaderKind
{
    V1Sync,
    V1Stream,
    V2Sync,
    V2Stream,
}

/// <summary>
/// A valid answer as the service might send it, with what a reader must make of it: the reply text, the reasoning
/// and the tool-call arguments (V2), and how many bytes must have arrived before the answer is whole (the end of its
/// JSON object, of V1's <c>is_end</c> event or of V2's <c>[DONE]</c>), so that no shorter prefix may read as a reply.
/// </summary>
internal sealed record GeneratedBody(ReaderKind Kind, byte[] Bytes, string Text, string Reasoning, string Arguments, int CompleteAt)
{
    public bool IsStream => Kind is ReaderKind.V1Stream or ReaderKind.V2Stream;

    public bool IsV2 => Kind is ReaderKind.V2Sync or ReaderKind.V2Stream;
}
