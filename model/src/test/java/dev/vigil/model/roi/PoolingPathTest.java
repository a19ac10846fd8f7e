package dev.vigil.model.roi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class PoolingPathTest {

    @Test
    void trainingOrAnAcceleratorKeepsTheEngineOps() {
        assertThat(PoolingPath.of(true, Device.cpu())).isEqualTo(PoolingPath.DIFFERENTIABLE);
        assertThat(PoolingPath.of(false, Device.gpu())).isEqualTo(PoolingPath.DIFFERENTIABLE);
        assertThat(PoolingPath.of(true, Device.gpu())).isEqualTo(PoolingPath.DIFFERENTIABLE);
        assertThat(PoolingPath.of(false, Device.cpu())).isEqualTo(PoolingPath.INFERENCE);
    }
}
