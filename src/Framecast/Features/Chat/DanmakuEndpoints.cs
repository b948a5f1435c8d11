using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Chat;

/// <summary>A video's danmaku: by time window as it plays, posted at a playback offset, exported as Bilibili XML.</summary>
public static class DanmakuEndpoints
{
    /// <summary>The widest window one request may ask for (a player asks for the next 30 s or so).</summary>
    public const long MaxWindowMs = 10 * 60 * 1000;

    public static IEndpointRouteBuilder MapDanmakuEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Danmaku");
        api.MapGet("/videos/{id}/danmaku", ListDanmaku);
        api.MapPost("/videos/{id}/danmaku", PostDanmaku).RequireAuthorization();
        api.MapGet("/videos/{id}/danmaku.xml", ExportDanmaku);
        api.MapDelete("/danmaku/{id}", DeleteDanmaku).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<DanmakuListResponse>, ValidationProblem, ProblemHttpResult>> ListDanmaku(string id, long? fromMs, long? toMs,
        ClaimsPrincipal user, DanmakuService danmaku, CancellationToken cancellationToken)
    {
        if (fromMs < 0 || toMs < 0)
        {
            return Problems.Validation("fromMs", "Offsets are milliseconds from the start: 0 or more.");
        }
        if (fromMs is { } from && toMs is { } to && (to <= from || to - from > MaxWindowMs))
        {
            return Problems.Validation("toMs", $"'toMs' must be after 'fromMs', at most {MaxWindowMs} ms later: the window is [fromMs, toMs).");
        }
        var items = await danmaku.WindowAsync(id, Viewer.From(user), fromMs, toMs, cancellationToken);
        return items is null ? Problems.NotFound("video.not_found", "Video not found") : TypedResults.Ok(new DanmakuListResponse(items));
    }

    private static async Task<Results<Created<DanmakuEvent>, ValidationProblem, ProblemHttpResult>> PostDanmaku(string id, SendDanmakuRequest request,
        ClaimsPrincipal user, DanmakuService danmaku, HttpContext http, CancellationToken cancellationToken)
    {
        var (_, _, _, _, errors) = ChatStyle.Validate(request.Text, request.Mode, request.Color, request.Size);
        if (request.OffsetMs is null or < 0)
        {
            errors["offsetMs"] = ["Give the playback offset in milliseconds (0 or more)."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (posted, refusal) = await danmaku.PostAsync(id, Viewer.From(user), request, cancellationToken);
        if (refusal is { Status: 400 })
        {
            return Problems.Validation("offsetMs", refusal.Detail);
        }
        return refusal is not null ? refusal.ToProblem(http) : TypedResults.Created($"/api/v1/videos/{id}/danmaku", posted);
    }

    private static async Task<IResult> ExportDanmaku(string id, ClaimsPrincipal user, DanmakuService danmaku, IOptions<ChatOptions> options, HttpContext http,
        CancellationToken cancellationToken)
    {
        var items = await danmaku.WindowAsync(id, Viewer.From(user), null, null, cancellationToken);
        if (items is null)
        {
            return Problems.NotFound("video.not_found", "Video not found");
        }
        http.Response.ContentType = "application/xml; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}.xml\"";
        await DanmakuXml.WriteAsync(http.Response.Body, id, options.Value.DanmakuPoolSize, items, cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteDanmaku(string id, ClaimsPrincipal user, DanmakuService danmaku, CancellationToken cancellationToken) =>
        await danmaku.DeleteAsync(id, Viewer.From(user), cancellationToken) switch
        {
            AccessOutcome.Done => TypedResults.NoContent(),
            AccessOutcome.Forbidden => Problems.Forbidden("Only the author, the video's owner, its channel's moderators or an admin can delete this danmaku."),
            _ => Problems.NotFound("danmaku.not_found", "Danmaku not found"),
        };
}
