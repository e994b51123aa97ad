using Microsoft.Extensions.DependencyInjection;

namespace Qianfan.Sdk.Zhipu.DependencyInjection;

/// <summary>What <c>AddZhipu</c> registered, for adding to it: HTTP handlers and settings of the client's HttpClient.</summary>
public sealed class ZhipuBuilder
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
