package org.metalflow.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The lab's one self-signed server certificate, kept as PEM in the data directory so its fingerprint,
 * which enrolled machines pin, survives restarts. Made only when the files are missing.
 */
public final class LabTls {

    static final String CERTIFICATE_FILE = "bmc-certificate.pem";
    static final String KEY_FILE = "bmc-private-key.pem";

    private final HeldCertificate held;

    private LabTls(HeldCertificate held) {
        this.held = held;
    }

    /** Loads the certificate from {@code directory}, or creates and stores one there. */
    public static LabTls loadOrCreate(Path directory) {
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        try {
            if (Files.exists(certificateFile) && Files.exists(keyFile)) {
                String pem = Files.readString(certificateFile, StandardCharsets.US_ASCII)
                        + Files.readString(keyFile, StandardCharsets.US_ASCII);
                return new LabTls(HeldCertificate.decode(pem));
            }
            Files.createDirectories(directory);
            HeldCertificate created = new HeldCertificate.Builder()
                    .commonName("metalflow-lab")
                    .organizationalUnit("metalflow simulated BMCs")
                    .addSubjectAlternativeName("localhost")
                    .addSubjectAlternativeName("127.0.0.1")
                    .duration(3650, TimeUnit.DAYS)
                    .build();
            writeAtomically(keyFile, created.privateKeyPkcs8Pem(), true);
            writeAtomically(certificateFile, created.certificatePem(), false);
            return new LabTls(created);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the lab certificate in " + directory, e);
        }
    }

    public X509Certificate certificate() {
        return held.certificate();
    }

    public String certificatePem() {
        return held.certificatePem();
    }

    /** Lower-case hex SHA-256 of the DER certificate: what a machine's BMC TLS pin holds. */
    public String certificateSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(held.certificate().getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext serverContext() {
        return new HandshakeCertificates.Builder().heldCertificate(held).build().sslContext();
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        if (secret) {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: rely on the data directory's own protection
            }
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
