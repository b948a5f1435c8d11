using Framecast.Infrastructure.Http.SendFile;
// The floor under Framecast's media path: Kestrel and Framecast's sendfile sender with nothing else. FLOOR_MODE=raw:
// no routing or result executor, fixed headers; FLOOR_MODE=physical: one routed endpoint returning PhysicalFile.
// Usage: floor <media root> (URL from ASPNETCORE_URLS); /media/<path> serves <media root>/<path>.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddMetrics();
builder.Services.AddSingleton<SendFileMetrics>();
builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.UseSocketOutput()));
var app = builder.Build();
var root = args[0];
var mode = Environment.GetEnvironmentVariable("FLOOR_MODE") ?? "physical";
if (mode == "raw")
{
    app.Run(async http =>
    {
        var path = Path.Combine(root, http.Request.Path.Value!["/media/".Length..]);
        var length = new FileInfo(path).Length;
        http.Response.ContentType = "video/iso.segment";
        http.Response.ContentLength = length;
        SendFileResponseBody.Install(http);
        await http.Response.SendFileAsync(path, 0, length);
    });
}
else
{
    app.MapGet("/media/{**path}", (string path, HttpContext http) =>
    {
        SendFileResponseBody.Install(http);
        return TypedResults.PhysicalFile(Path.Combine(root, path), "video/iso.segment", enableRangeProcessing: true);
    });
}
app.Run();
