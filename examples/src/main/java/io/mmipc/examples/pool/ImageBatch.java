package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Image batch processing with a Pool (seed 002, "Parallel Image Processing"): each worker opens an
 * image, resizes it to 800 x 600 and saves it beside the original with a {@code _processed}
 * suffix. PIL becomes the JDK's own imaging ({@code ImageIO}, {@code Graphics2D}); the images are
 * generated here, so nothing is downloaded, and removed at the end.
 */
public final class ImageBatch
{
    /** Processing a single image. */
    static String processImage(final String imagePath)
    {
        try
        {
            final BufferedImage img = ImageIO.read(new File(imagePath));
            // Resizing
            final BufferedImage imgResized = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
            final Graphics2D g = imgResized.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, 800, 600, null);
            g.dispose();

            // Creating a name for the processed file
            final int dot = imagePath.lastIndexOf('.');
            final String outputPath = imagePath.substring(0, dot) + "_processed" + imagePath.substring(dot);

            // Saving the processed image
            ImageIO.write(imgResized, "png", new File(outputPath));
            return "Processed: " + new File(imagePath).getName() + " -> " + new File(outputPath).getName() +
                " (" + img.getWidth() + "x" + img.getHeight() + " -> 800x600)";
        }
        catch (final IOException | RuntimeException e)
        {
            return "Error processing " + imagePath + ": " + e;
        }
    }

    /** Batch image processing. */
    static List<String> batchProcessImages(final IpcContext ctx, final List<String> imagePaths, final int numProcesses)
    {
        try (Pool pool = ctx.pool(PoolOptions.defaults().processes(numProcesses)
            .jvmOptions("-Djava.awt.headless=true")))
        {
            return pool.map(ImageBatch::processImage, imagePaths);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        System.setProperty("java.awt.headless", "true");
        final Path dir = Files.createTempDirectory("mmipc-images-");
        try (IpcContext ctx = IpcContext.create())
        {
            // List of image paths: made here instead of downloaded
            final List<String> imagePaths = new ArrayList<>();
            for (int i = 1; i <= 6; i++)
            {
                imagePaths.add(generate(dir.resolve("image" + i + ".png"), i));
            }

            // Processing images
            final List<String> results = batchProcessImages(ctx, imagePaths, 4);
            for (final String result : results)
            {
                System.out.println(result);
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A 1600 x 1200 picture: a gradient and a few shapes that differ per image. */
    static String generate(final Path path, final int seed) throws IOException
    {
        final BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30 * seed % 256, 80, 160), 1600, 1200, Color.ORANGE));
        g.fillRect(0, 0, 1600, 1200);
        g.setColor(Color.WHITE);
        for (int k = 0; k < 5 + seed; k++)
        {
            g.fillOval(100 + 211 * k % 1300, 150 + 97 * k * seed % 900, 120, 120);
        }
        g.dispose();
        ImageIO.write(image, "png", path.toFile());
        return path.toString();
    }
}
