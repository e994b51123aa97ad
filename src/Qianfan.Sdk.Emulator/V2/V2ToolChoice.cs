namespace Qianfan.Sdk.Emulator.V2;

/// <summary>What <c>tool_choice</c> allows: <c>auto</c> (the default), <c>none</c>, <c>required</c> or one named function.</summary>
internal enum V2ToolChoice
{
    Auto,
    None,
    Required,
    Named,
}
