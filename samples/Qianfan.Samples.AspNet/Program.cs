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

    // A pause between the pieces of a streamed answer, so a person sees it grow (the service itself takes its time).
    emulator.Scenarios.StreamSentenceDelay = builder.Configuration.GetValue("Sample:EmulatorPieceDelay", TimeSpan.FromMilliseconds(150));
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Qianfan:BaseUrl"] = emulator.BaseUrl,
        ["Qianfan:V2BaseUrl"] = emulator.BaseUrl,
        ["Qianfan:ApiKey"] = emulator.ApiKey,
        ["Qianfan:SecretKey"] = emulator.SecretKey,
        ["Qianfan:V2ApiKey"] = emulator.V2ApiKey,
    });
    configured = new QianfanCredentials { ApiKey = emulator.ApiKey, SecretKey = emulator.SecretKey, V2ApiKey = emulator.V2ApiKey };
}

try
{
    // One QianfanClient for the whole app, options bound from the "Qianfan" section over the QIANFAN_* environment
    // variables and validated at start-up; over it, one keyed IChatClient per model of the page's picker.
    builder.Services.AddQianfan(qianfan);
    var models = builder.Services.AddChatModels(configured);
    builder.Services.AddProblemDetails();
    builder.Services.AddExceptionHandler<QianfanProblemHandler>();

    var app = builder.Build();
    if (emulator is not null)
    {
        app.Logger.LogWarning(
            "No Qianfan credentials are configured (Qianfan:ApiKey and Qianfan:SecretKey, Qianfan:V2ApiKey, or QIANFAN_AK and QIANFAN_SK …): chatting with the offline Qianfan emulator at {EmulatorUrl}",
            emulator.BaseUrl);
    }

    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.MapChatApi(models);

    await app.RunAsync();
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
