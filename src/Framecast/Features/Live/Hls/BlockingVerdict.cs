namespace Framecast.Features.Live.Hls;

/// <summary>What a blocking playlist request (<c>_HLS_msn</c>, <c>_HLS_part</c>) gets right now.</summary>
public enum BlockingVerdict
{
    Ready,
    Wait,
    BadRequest,
}
