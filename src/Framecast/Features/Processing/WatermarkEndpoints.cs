using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Processing;

/// <summary>The signed-in channel's watermark: burned into its new videos unless an upload says <c>watermark: off</c>.</summary>
public static class WatermarkEndpoints
{
    public const string Path = "/api/v1/me/watermark";
    public const string ImagePath = Path + "/image";

    public static IEndpointRouteBuilder MapWatermarkEndpoints(this IEndpointRouteBuilder app)
    {
        var watermark = app.MapGroup(Path).WithTags("Watermark").RequireAuthorization();
        watermark.MapGet("/", GetWatermark);
        watermark.MapPut("/", SetWatermark);
        watermark.MapDelete("/", DeleteWatermark);
        watermark.MapGet("/image", GetWatermarkImage);
        return app;
    }

    private static async Task<Results<Ok<WatermarkResponse>, ProblemHttpResult>> GetWatermark(ClaimsPrincipal user, WatermarkService watermarks, CancellationToken cancellationToken) =>
        await watermarks.FindAsync(Viewer.From(user).UserId!, cancellationToken) is { } mark
            ? TypedResults.Ok(WatermarkResponse.From(mark))
            : NoWatermark();

    /// <summary>multipart/form-data: <c>file</c> (PNG, ≤ 1 MiB; optional once set), <c>position</c>, <c>opacity</c>, <c>widthPercent</c>.</summary>
    private static async Task<Results<Ok<WatermarkResponse>, ValidationProblem>> SetWatermark(
        HttpRequest request, ClaimsPrincipal user, WatermarkService watermarks, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Validation("file", "Send multipart/form-data with a PNG 'file' part and the settings.");
        }
        var userId = Viewer.From(user).UserId!;
        var form = await request.ReadFormAsync(cancellationToken);
        await using var png = form.Files.GetFile("file")?.OpenReadStream();
        var errors = await watermarks.SaveAsync(userId, png, Field(form, "position"), Field(form, "opacity"), Field(form, "widthPercent"), cancellationToken);
        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(WatermarkResponse.From((await watermarks.FindAsync(userId, cancellationToken))!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteWatermark(ClaimsPrincipal user, WatermarkService watermarks, CancellationToken cancellationToken) =>
        await watermarks.DeleteAsync(Viewer.From(user).UserId!, cancellationToken) ? TypedResults.NoContent() : NoWatermark();

    private static async Task<IResult> GetWatermarkImage(ClaimsPrincipal user, WatermarkService watermarks, CancellationToken cancellationToken) =>
        await watermarks.PngPathAsync(Viewer.From(user).UserId!, cancellationToken) is { } path
            ? TypedResults.PhysicalFile(path, "image/png")
            : NoWatermark();

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    private static ProblemHttpResult NoWatermark() => Problems.NotFound("watermark.not_found", "No watermark");
}
