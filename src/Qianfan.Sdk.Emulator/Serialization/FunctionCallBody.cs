namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>V1's <c>function_call</c>: the function the model calls, why, and the arguments as a JSON text.</summary>
internal sealed record FunctionCallBody(string Name, string Thoughts, string Arguments);
