using Microsoft.Extensions.DependencyInjection;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Zhipu.DependencyInjection;

/// <summary>
/// What <c>AddZhipu</c> registered, for adding to it (HTTP handlers, settings of the HttpClient). As an
/// <see cref="ISdkClientBuilder"/> it takes the extensions written for every platform's client (<c>UseRedis</c>:
/// the client's limits shared by the application's instances).
/// </summary>
public sealed class ZhipuBuilder : ISdkClientBuilder
{
    internal ZhipuBuilder(IServiceCollection services, string? name, IHttpClientBuilder httpClient)
    {
        Services = services;
        Name = name;
        HttpClient = httpClient;
    }

    /// <summary>The service collection the client was registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The registration's name (its service key), or null for the default client.</summary>
    public string? Name { get; }

    /// <summary>The HttpClient the client sends with, to add your own <c>DelegatingHandler</c>s or settings.</summary>
    public IHttpClientBuilder HttpClient { get; }
}
