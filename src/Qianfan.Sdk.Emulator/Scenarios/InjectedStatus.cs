namespace Qianfan.Sdk.Emulator.Scenarios;

/// <summary>A raw HTTP answer in place of the service's, as a proxy or load balancer in front of it would give.</summary>
internal sealed record InjectedStatus(int StatusCode, string Body, string ContentType);
