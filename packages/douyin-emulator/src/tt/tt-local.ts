// Device-local APIs that need no emulator state: system info, address, location defaults.

export interface SystemInfo {
  system: string;
  platform: string;
  brand: string;
  model: string;
  version: string;
  appName: string;
  SDKVersion: string;
  screenWidth: number;
  screenHeight: number;
  windowWidth: number;
  windowHeight: number;
  pixelRatio: number;
  statusBarHeight: number;
  safeArea: { left: number; right: number; top: number; bottom: number; width: number; height: number };
  battery?: number;
  wifiSignal?: number;
  deviceScore?: { cpu: number; gpu: number; memory: number; overall: number };
}

export interface Address {
  userName: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
  telNumber: string;
}

export interface Location {
  latitude: number;
  longitude: number;
  altitude: number;
  accuracy: number;
  verticalAccuracy: number;
  horizontalAccuracy: number;
  speed: number;
  city: string;
  province?: string;
  district?: string;
}

export const DEFAULT_SYSTEM_INFO: SystemInfo = {
  system: 'Android 14',
  platform: 'android',
  brand: 'Emulator',
  model: 'Douyin Emulator',
  version: '32.5.0',
  appName: 'Douyin',
  SDKVersion: '3.60.0',
  screenWidth: 393,
  screenHeight: 852,
  windowWidth: 393,
  windowHeight: 852,
  pixelRatio: 3,
  statusBarHeight: 47,
  safeArea: { left: 0, right: 393, top: 47, bottom: 852, width: 393, height: 805 },
  battery: 80,
  wifiSignal: 4,
  deviceScore: { cpu: 8.5, gpu: 8.2, memory: 8, overall: 8.3 },
};

export const DEFAULT_ADDRESS: Address = {
  userName: '张三',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '文三路 1 号',
  telNumber: '13800000000',
};

export const DEFAULT_LOCATION: Location = {
  latitude: 30.27415,
  longitude: 120.15515,
  altitude: 12,
  accuracy: 30,
  verticalAccuracy: 10,
  horizontalAccuracy: 30,
  speed: 0,
  city: '杭州市',
  province: '浙江省',
  district: '西湖区',
};
