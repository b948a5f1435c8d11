using Framecast.Infrastructure.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Playback;

/// <summary>What every media handler needs, bound with <c>[AsParameters]</c>.</summary>
public readonly record struct MediaRequest(
    HttpContext Http,
    [property: FromServices] PlaybackAccess Access,
    [property: FromServices] IBlobStore Blobs,
    [property: FromServices] IOptions<PlaybackOptions> Options);
