using Microsoft.Extensions.DependencyInjection;

namespace Qianfan.Sdk.Core;

/// <summary>
/// What every platform's DI registration returns (<c>AddQianfan</c>'s <c>QianfanBuilder</c>, <c>AddDashScope</c>'s
/// <c>DashScopeBuilder</c>, <c>AddZhipu</c>'s <c>ZhipuBuilder</c>): one client's registration, by collection and name. It exists so that a package which adds
/// to any platform's client, such as <c>Qianfan.Sdk.Redis</c>'s <c>UseRedis</c>, can be written once over Core
/// without referencing the platform packages, and still return the platform's own builder. The SDK's builders
/// implement it; an implementation of your own is not a registration any package adds to.
/// </summary>
public interface ISdkClientBuilder
{
    /// <summary>The service collection the client was registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>The registration's name (its service key), or null for the platform's default client.</summary>
    string? Name { get; }
}
