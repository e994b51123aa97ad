namespace Qianfan.Sdk.Emulator.V2;

/// <summary>A tool call an answer makes: its id, the function and the arguments (a JSON text).</summary>
internal sealed record V2PlannedCall(string Id, string Name, string Arguments);
