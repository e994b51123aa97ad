using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Redis.LoadApp;

/// <summary>What one instance did: calls that succeeded, failed (with the distinct reasons) or were still waiting at the end; tokens; warnings logged.</summary>
internal sealed record LoadSummary(string Instance, int Succeeded, int Failed, int Cancelled, long Tokens, int Warnings, string[] Failures);

[JsonSerializable(typeof(LoadSummary))]
internal sealed partial class LoadJson : JsonSerializerContext;
