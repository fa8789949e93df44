package com.example.pooltest;

import java.io.Serializable;

/**
 * A serializable value from a package outside a pool's default allow-list.
 */
public record Order(int id) implements Serializable
{
}
