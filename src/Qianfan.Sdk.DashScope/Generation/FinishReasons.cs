namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>DashScope writes "not finished" as the string <c>"null"</c>; the SDK reads it as null.</summary>
internal static class FinishReasons
{
    public static string? Normalize(string? reason) => reason is null or "" or "null" ? null : reason;
}
