namespace Qianfan.Sdk.Core;

/// <summary>Token counts as a service reported them: input, output and the total it charges.</summary>
internal readonly record struct UsageCounts(int Input, int Output, int Total);
