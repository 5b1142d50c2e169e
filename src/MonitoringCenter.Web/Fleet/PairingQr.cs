using QRCoder;

namespace MonitoringCenter.Web.Fleet;

/// <summary>The QR code of a pairing URL, as a PNG data URI the unpaired screen shows beside its code.</summary>
public static class PairingQr
{
    public static string DataUri(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
