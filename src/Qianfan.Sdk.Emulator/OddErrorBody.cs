namespace Qianfan.Sdk.Emulator;

/// <summary>
/// The error bodies a client must still read as errors, though they are not V1's plain <c>{"error_code":N,"error_msg":"…"}</c>
/// (<see cref="EmulatorScenarios.FailNextChatCallsWithOddBody"/>). Each is answered with HTTP 200.
/// </summary>
public enum OddErrorBody
{
    /// <summary><c>{"error_code":"18","error_msg":"…"}</c>: the code as a string.</summary>
    CodeAsString,

    /// <summary><c>{"error_code":18.0,"error_msg":"…"}</c>: the code as a float.</summary>
    CodeAsFloat,

    /// <summary><c>{"error_code":336100,"error_msg":336100}</c>: the message not a string.</summary>
    MessageNotAString,

    /// <summary><c>{"error_msg":"…"}</c>: a message without a code.</summary>
    MessageWithoutCode,

    /// <summary><c>{"error":"…"}</c>: V2's error as a bare string, with HTTP 200.</summary>
    V2ErrorString,

    /// <summary><c>{"error":{"code","message","type"},"id"}</c>: V2's error object, with HTTP 200 instead of its status.</summary>
    V2ErrorObject,
}
