using Qianfan.Samples.AspNet;
using Qianfan.Sdk;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;

var builder = WebApplication.CreateBuilder(args);
var qianfan = builder.Configuration.GetSection("Qianfan");

// No credentials in the "Qianfan" section nor in the QIANFAN_* variables (read the way AddQianfan reads them):
// chat with the offline emulator instead, so the sample runs out of the box.
var configured = QianfanCredentials.FromEnvironment();
qianfan.Bind(configured);
QianfanEmulator? emulator = null;
if (new[] { configured.ApiKey, configured.SecretKey, configured.AccessToken, configured.IamAccessKey, configured.IamSecretKey, configured.V2ApiKey }.All(string.IsNullOrEmpty))
{
    emulator = await QianfanEmulator.StartAsync();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Qianfan:BaseUrl"] = emulator.BaseUrl,
        ["Qianfan:ApiKey"] = emulator.ApiKey,
        ["Qianfan:SecretKey"] = emulator.SecretKey,
    });
}

try
{
    // One QianfanClient (and ChatClient) for the whole app, options bound from the "Qianfan" section over the
    // QIANFAN_* environment variables and validated at start-up.
    builder.Services.AddQianfan(qianfan);
    builder.Services.AddProblemDetails();
    builder.Services.AddExceptionHandler<QianfanProblemHandler>();

    var app = builder.Build();
    if (emulator is not null)
    {
        app.Logger.LogWarning(
            "No Qianfan credentials are configured (Qianfan:ApiKey and Qianfan:SecretKey, or QIANFAN_AK and QIANFAN_SK): chatting with the offline Qianfan emulator at {EmulatorUrl}",
            emulator.BaseUrl);
    }

    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.MapChatApi();

    await app.RunAsync();
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}

