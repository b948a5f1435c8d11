using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Framecast.Features.Videos;

/// <summary>
/// The public list is the same for every viewer and is what every home page asks for, so its pages are kept in the
/// output cache. Any change to a video evicts them at once on every node (<see cref="Tag"/>, <see cref="VideoCaches"/>);
/// the short expiry bounds staleness when a notification is lost (measured in bench/api: the cache is what lets the list pass 10k req/s).
/// </summary>
public sealed class PublicVideoListCachePolicy(TimeSpan expiry) : IOutputCachePolicy
{
    public const string Tag = "videos-public";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        // Only first pages are shared by many viewers; deep cursor pages would just churn the cache.
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !request.Query.ContainsKey("cursor");
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = expiry;
        context.CacheVaryByRules.QueryKeys = new StringValues(["q", "limit"]);
        context.Tags.Add(Tag);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        // A sliding session cookie or an error must never be replayed to someone else.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
