using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.DependencyInjection;

namespace Qianfan.Sdk.DashScope.DependencyInjection;

/// <summary>
/// Registers <see cref="DashScopeClient"/> and its area clients (generation, images, tasks) as singletons over
/// IHttpClientFactory, so one set of client-side limits serves the whole application.
/// </summary>
public static class DashScopeServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the default registration uses; named registrations use <c>DashScope:{name}</c>.</summary>
    public const string HttpClientName = "DashScope";

    /// <summary>
    /// Registers the default client with settings and credentials from <paramref name="configuration"/> (e.g. the
    /// <c>DashScope</c> section: <c>DashScope:ApiKey</c>, <c>DashScope:Region</c>, <c>DashScope:BaseUrl</c>,
    /// <c>DashScope:Retry:MaxRetries</c> …) over the <c>DASHSCOPE_*</c> environment variables, validated at start-up.
    /// </summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddDashScope(serviceKey: null, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers the default client, configured in code over the <c>DASHSCOPE_*</c> environment variables.</summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, Action<DashScopeCredentials> credentials, Action<DashScopeOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddDashScope(serviceKey: null, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    /// <summary>
    /// Registers a second, named client (another key or region) as a keyed service: resolve it with
    /// <c>[FromKeyedServices("name")] DashScopeClient</c> (its area clients too). Environment variables do not apply to it.
    /// </summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddDashScope(name, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers a named client configured in code, as a keyed service (see the configuration overload).</summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, string name, Action<DashScopeCredentials> credentials, Action<DashScopeOptions>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddDashScope(name, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    private static DashScopeBuilder AddDashScope(
        this IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<DashScopeCredentials>> configureCredentials,
        Action<OptionsBuilder<DashScopeOptions>> configureOptions)
    {
        var http = services.AddClient(
            serviceKey,
            HttpClientName,
            configureCredentials,
            configureOptions,
            DashScopeEnvironment.Apply,
            DashScopeEnvironment.Apply,
            // What a shared store registered for this client (UseRedis): the fleet's limits.
            (provider, credentials, options, httpClient) => new DashScopeClient(
                credentials, options, httpClient, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>(), FleetServices.Resolve<DashScopeBuilder>(provider, serviceKey)));
        var optionsName = ClientRegistration.OptionsName(serviceKey);
        services.AddSingleton<IValidateOptions<DashScopeOptions>>(new DashScopeSettingsValidation(optionsName));
        services.AddSingleton<IValidateOptions<DashScopeCredentials>>(new DashScopeSettingsValidation(optionsName));

        services.AddArea(serviceKey, static (DashScopeClient c) => c.Generation);
        services.AddArea(serviceKey, static (DashScopeClient c) => c.Images);
        services.AddArea(serviceKey, static (DashScopeClient c) => c.Tasks);
        return new DashScopeBuilder(services, serviceKey, http);
    }
}
