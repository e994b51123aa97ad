using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.Core.DependencyInjection;

/// <summary>
/// One platform client's DI registration, the same for every platform (<c>AddQianfan</c>, <c>AddZhipu</c>,
/// <c>AddDashScope</c>): its credentials and options are named options (the default registration reads the
/// platform's environment variables first, then the caller's configuration; both are validated at start-up), the
/// client is a singleton (keyed by the registration's name for a named one), each area client is a singleton the
/// client hands out, and the client sends with a named HttpClient from IHttpClientFactory.
/// </summary>
internal static class ClientRegistration
{
    /// <summary>
    /// Registers the client of <paramref name="serviceKey"/> (null: the default one) and returns its HttpClient's
    /// builder. <paramref name="create"/> makes it from its resolved credentials, options and HttpClient; the
    /// platform adds its validators and areas (<see cref="AddArea"/>) itself.
    /// </summary>
    public static IHttpClientBuilder AddClient<
        TClient,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TCredentials,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services,
        string? serviceKey,
        string httpClientName,
        Action<OptionsBuilder<TCredentials>> configureCredentials,
        Action<OptionsBuilder<TOptions>> configureOptions,
        Action<TCredentials, Func<string, string?>> credentialsFromEnvironment,
        Action<TOptions, Func<string, string?>> optionsFromEnvironment,
        Func<IServiceProvider, TCredentials, TOptions, HttpClient, TClient> create)
        where TClient : class
        where TCredentials : class
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsName = OptionsName(serviceKey);
        var credentials = services.AddOptions<TCredentials>(optionsName);
        var options = services.AddOptions<TOptions>(optionsName);
        if (serviceKey is null)
        {
            credentials.Configure(c => credentialsFromEnvironment(c, Environment.GetEnvironmentVariable));
            options.Configure(o => optionsFromEnvironment(o, Environment.GetEnvironmentVariable));
        }

        configureCredentials(credentials);
        configureOptions(options);
        credentials.ValidateOnStart();
        options.ValidateOnStart();

        var clientName = serviceKey is null ? httpClientName : $"{httpClientName}:{serviceKey}";
        TClient Create(IServiceProvider provider) => create(
            provider,
            provider.GetRequiredService<IOptionsMonitor<TCredentials>>().Get(optionsName),
            provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(optionsName),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(clientName));
        if (serviceKey is null)
        {
            services.TryAddSingleton(Create);
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, _) => Create(provider));
        }

        // The client is a long-lived singleton, so its handler must renew connections itself (DNS changes), and the
        // SDK's own timeouts (per attempt and overall) replace HttpClient.Timeout.
        return services.AddHttpClient(clientName)
            .ConfigurePrimaryHttpMessageHandler(SdkHttpHandler.Create)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    /// <summary>An area client as a singleton (keyed like its registration), handed out by the registration's client.</summary>
    public static void AddArea<TClient, T>(this IServiceCollection services, string? serviceKey, Func<TClient, T> area)
        where TClient : class
        where T : class
    {
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => area(provider.GetRequiredService<TClient>()));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, key) => area(provider.GetRequiredKeyedService<TClient>(key)));
        }
    }

    /// <summary>The options name of a registration: its service key, or the default name.</summary>
    public static string OptionsName(string? serviceKey) => serviceKey ?? Options.DefaultName;
}
