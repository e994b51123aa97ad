using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.DependencyInjection;

namespace Qianfan.Sdk.Zhipu.DependencyInjection;

/// <summary>
/// Registers <see cref="ZhipuClient"/> and its area clients (chat, asynchronous chat, images) as singletons over
/// IHttpClientFactory, so one JWT cache and one set of client-side limits serve the whole application.
/// </summary>
public static class ZhipuServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the default registration uses; named registrations use <c>Zhipu:{name}</c>.</summary>
    public const string HttpClientName = "Zhipu";

    /// <summary>
    /// Registers the default client with its key and settings from <paramref name="configuration"/> (e.g. the
    /// <c>Zhipu</c> section: <c>Zhipu:ApiKey</c>, <c>Zhipu:Region</c>, <c>Zhipu:Authentication</c>,
    /// <c>Zhipu:Retry:MaxRetries</c> …) over the <c>ZHIPUAI_API_KEY</c> and <c>ZHIPUAI_BASE_URL</c> environment variables.
    /// Both are validated at start-up.
    /// </summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddZhipu(serviceKey: null, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers the default client, configured in code over the <c>ZHIPUAI_*</c> environment variables.</summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, Action<ZhipuCredentials> credentials, Action<ZhipuOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddZhipu(serviceKey: null, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    /// <summary>
    /// Registers a second, named client (another key, or the other region) as a keyed service: resolve it with
    /// <c>[FromKeyedServices("name")] ZhipuClient</c> (its area clients too). Environment variables do not apply to it.
    /// </summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddZhipu(name, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers a named client configured in code, as a keyed service (see the configuration overload).</summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, string name, Action<ZhipuCredentials> credentials, Action<ZhipuOptions>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddZhipu(name, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    private static ZhipuBuilder AddZhipu(
        this IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<ZhipuCredentials>> configureCredentials,
        Action<OptionsBuilder<ZhipuOptions>> configureOptions)
    {
        var http = services.AddClient(
            serviceKey,
            HttpClientName,
            configureCredentials,
            configureOptions,
            ZhipuEnvironment.Apply,
            ZhipuEnvironment.Apply,
            // What a shared store registered for this client (UseRedis): the fleet's limits.
            (provider, credentials, options, httpClient) => new ZhipuClient(
                credentials, options, httpClient, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>(), FleetServices.Resolve<ZhipuBuilder>(provider, serviceKey)));
        var optionsName = ClientRegistration.OptionsName(serviceKey);
        services.AddSingleton<IValidateOptions<ZhipuOptions>>(provider => new ZhipuSettingsValidation(name => provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().Get(name), optionsName));
        services.AddSingleton<IValidateOptions<ZhipuCredentials>>(provider => new ZhipuSettingsValidation(name => provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().Get(name), optionsName));

        services.AddArea(serviceKey, static (ZhipuClient c) => c.Chat);
        services.AddArea(serviceKey, static (ZhipuClient c) => c.AsyncChat);
        services.AddArea(serviceKey, static (ZhipuClient c) => c.Images);
        return new ZhipuBuilder(services, serviceKey, http);
    }
}
